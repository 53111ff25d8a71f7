/** How long a password a person may choose, for every form and command that sets one. */
export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 1024;
