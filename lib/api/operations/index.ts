import 'server-only';
import type { ApiOperation } from '../api-operation';
import { getCommitmentOperation, listCommitmentsOperation } from './commitments';
import { getCouncilOperation, listCouncilsOperation } from './councils';
import { downloadKitOperation, getKitOperation, listKitsOperation } from './kits';
import { downloadMaterialOperation, downloadVersionOperation, getMaterialOperation } from './materials';
import { materialWriteOperations } from './material-writes';
import { openApiOperation } from './openapi';
import { getProjectOperation, listProjectsOperation } from './projects';
import { searchOperation } from './search';
import { getVocabularyOperation, listVocabulariesOperation } from './vocabularies';

/** Every operation of API v1, in the order the document and the reference page list them. */
export function apiOperations(): ApiOperation[] {
  return [
    searchOperation(),
    getMaterialOperation,
    downloadMaterialOperation,
    downloadVersionOperation,
    listVocabulariesOperation,
    getVocabularyOperation,
    listCouncilsOperation,
    getCouncilOperation,
    listCommitmentsOperation,
    getCommitmentOperation,
    listProjectsOperation,
    getProjectOperation,
    listKitsOperation,
    getKitOperation,
    downloadKitOperation,
    openApiOperation,
    // The writes (read and write tokens only), listed after the reads.
    ...materialWriteOperations,
  ] as ApiOperation[];
}
