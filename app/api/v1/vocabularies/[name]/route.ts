import { apiRoute } from '@/lib/api/api-route';
import { answerVocabulary, getVocabularyOperation } from '@/lib/api/operations/vocabularies';

export const dynamic = 'force-dynamic';

/** GET /api/v1/vocabularies/{name} (lib/api/operations/vocabularies.ts). */
export const GET = apiRoute(getVocabularyOperation, answerVocabulary);
