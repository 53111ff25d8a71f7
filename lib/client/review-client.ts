import { createReviewClient } from './api-client';

/** The browser's client: same origin, authenticated by the session cookie. */
export const reviewClient = createReviewClient();
