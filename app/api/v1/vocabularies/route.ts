import { apiRoute } from '@/lib/api/api-route';
import { answerVocabularies, listVocabulariesOperation } from '@/lib/api/operations/vocabularies';

export const dynamic = 'force-dynamic';

/** GET /api/v1/vocabularies (lib/api/operations/vocabularies.ts). */
export const GET = apiRoute(listVocabulariesOperation, answerVocabularies);
