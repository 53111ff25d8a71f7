/**
 * Where the bytes of uploaded files live. Content-addressed (organization and SHA-256), so a
 * write is idempotent and happens before the metadata row that makes a file visible: a file that
 * can be found always has its bytes.
 */
import { env } from '../env';
import { postgresStorage } from './postgres-storage';

export interface StoredFileKey {
  organizationId: string;
  sha256: string;
}

export interface FileStorage {
  put(key: StoredFileKey, bytes: Uint8Array, mimeType: string): Promise<void>;
  /** The bytes, or null when the store has none under this key. */
  get(key: StoredFileKey): Promise<Uint8Array | null>;
}

let chosen: FileStorage | undefined;

/**
 * The store FILE_STORAGE names, made once per process. The AWS SDK is loaded only for S3: it is
 * large, and most installations never need it.
 */
export async function fileStorage(): Promise<FileStorage> {
  if (chosen) return chosen;
  chosen =
    env.FILE_STORAGE === 's3'
      ? (await import('./s3-storage')).s3Storage({
          bucket: env.S3_BUCKET ?? '',
          region: env.S3_REGION,
          endpoint: env.S3_ENDPOINT,
          forcePathStyle: env.S3_FORCE_PATH_STYLE,
          prefix: env.S3_PREFIX,
          credentials:
            env.S3_ACCESS_KEY_ID && env.S3_SECRET_ACCESS_KEY
              ? { accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_SECRET_ACCESS_KEY }
              : undefined,
        })
      : postgresStorage;
  return chosen;
}
