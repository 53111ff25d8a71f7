/**
 * A response body that is JSON text already, such as one PostgreSQL built: jsonResponse sends it
 * as it is instead of serializing an object.
 */
export class JsonText {
  constructor(readonly text: string) {}
}
