import 'server-only';
import { getTableColumns } from 'drizzle-orm';
import { materials, materialVersions } from '@/lib/db/schema';

/**
 * The columns domain functions read, leaving out the search data: a material's search vector and a
 * version's extracted text include the whole file's words (up to 2 MB), and only search reads them.
 */
const { searchVector: _searchVector, ...materialFields } = getTableColumns(materials);
const { textContent: _textContent, ...versionFields } = getTableColumns(materialVersions);

export const materialColumns = materialFields;
export const versionColumns = versionFields;
