import { getFileRoute } from '@/lib/files/routes';
import { getFile } from '@/lib/files/service';
import { handle } from '@/lib/http/api-route';

export const GET = handle(getFileRoute, getFile);
