import { apiRoute } from '@/lib/api/api-route';
import { otherMethods } from '@/lib/api/other-methods';
import { answerVocabulary, getVocabularyOperation } from '@/lib/api/operations/vocabularies';

export const dynamic = 'force-dynamic';

/** GET /api/v1/vocabularies/{name} (lib/api/operations/vocabularies.ts). */
export const GET = apiRoute(getVocabularyOperation, answerVocabulary);

/** Any other method: 405 with Allow, as problem details. */
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
