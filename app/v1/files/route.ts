import { uploadFileRoute } from '@/lib/files/routes';
import { uploadFile } from '@/lib/files/service';
import { handle } from '@/lib/http/api-route';

export const POST = handle(uploadFileRoute, uploadFile);
