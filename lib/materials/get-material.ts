import 'server-only';
import { eq } from 'drizzle-orm';
import { canChangeMaterial, canDeleteMaterial, canViewMaterial } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import { materials, organisations } from '@/lib/db/schema';
import { formatByCode } from '@/lib/formats/file-formats';
import { indexedTextCharacters } from '@/lib/search/indexed-text';
import type { Services } from '@/lib/services';
import { labelOf, vocabularies } from '@/lib/taxonomy/vocabularies';
import { isUuid } from '@/lib/text/uuid';
import { currentVersion } from './current-version';
import { materialColumns } from './row-columns';

type Labelled = { slug: string; label: string };

/** Everything the material page shows, and nothing internal (no storage key). */
export interface MaterialDetail {
  id: string;
  title: string;
  summary: string;
  phases: Labelled[];
  artefactType: Labelled;
  kind: Labelled;
  topics: Labelled[];
  tags: string[];
  licence: { spdx: string; label: string; url: string };
  council: { slug: string; name: string; homepageUrl: string | null } | null;
  sourceUrl: string | null;
  attribution: string | null;
  /** 'public' | 'councils' | 'organisation' (lib/auth/viewer.ts). */
  visibility: string;
  /** 'published' | 'withdrawn'. */
  status: string;
  /** Set when withdrawn (seen only by those who may restore it). */
  withdrawn: { reason: string; at: string } | null;
  /** What the viewer may do with it (lib/auth/permissions.ts), for showing the right links and buttons. */
  permissions: { canChange: boolean; canDelete: boolean };
  createdAt: string;
  updatedAt: string;
  file: {
    fileName: string;
    format: string;
    formatLabel: string;
    sizeBytes: number;
    sha256: string;
    versionNumber: number;
    uploadedAt: string;
    /** Reading the file's text for search, in the background (lib/jobs/extract-text.ts). */
    text: {
      status: 'pending' | 'extracting' | 'done' | 'no_text' | 'unsupported' | 'failed';
      /** Why it failed, in plain words for the uploader. */
      failure: string | null;
      /** The file is longer than search looks at (lib/search/indexed-text.ts). */
      partlySearched: boolean;
      pageCount: number | null;
      slideCount: number | null;
      sheetCount: number | null;
    };
  };
}

/** A material the viewer may see, or undefined (missing, withdrawn or not theirs to see: all look alike). */
export async function getMaterial(services: Services, viewer: Viewer, id: string): Promise<MaterialDetail | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await services.db
    .select({ material: materialColumns, council: organisations })
    .from(materials)
    .leftJoin(organisations, eq(organisations.id, materials.organisationId))
    .where(eq(materials.id, id));
  if (!row || !canViewMaterial(viewer, row.material)) return undefined;
  const version = await currentVersion(services.db, id);
  if (!version) return undefined;

  const v = vocabularies();
  const m = row.material;
  const labelled = (list: Labelled[], slug: string) => ({ slug, label: labelOf(list, slug) });
  const licence = v.licences.find((l) => l.spdx === m.licence);
  return {
    id: m.id,
    title: m.title,
    summary: m.summary,
    phases: v.phases.filter((p) => m.phases.includes(p.slug)).map((p) => labelled(v.phases, p.slug)),
    artefactType: labelled(v.artefactTypes, m.artefactType),
    kind: labelled(v.kinds, m.kind),
    topics: m.topics.map((slug) => labelled(v.topics, slug)),
    tags: m.tags,
    licence: { spdx: m.licence, label: licence?.label ?? m.licence, url: licence?.url ?? '' },
    council: row.council ? { slug: row.council.slug, name: row.council.name, homepageUrl: row.council.homepageUrl } : null,
    sourceUrl: m.sourceUrl,
    attribution: m.attribution,
    visibility: m.visibility,
    status: m.status,
    withdrawn: m.status === 'withdrawn' ? { reason: m.withdrawnReason ?? '', at: (m.withdrawnAt ?? m.updatedAt).toISOString() } : null,
    permissions: { canChange: canChangeMaterial(viewer, m), canDelete: canDeleteMaterial(viewer) },
    createdAt: m.createdAt.toISOString(),
    updatedAt: m.updatedAt.toISOString(),
    file: {
      fileName: version.fileName,
      format: version.format,
      formatLabel: formatByCode(version.format)?.label ?? version.format.toUpperCase(),
      sizeBytes: version.sizeBytes,
      sha256: version.sha256,
      versionNumber: version.versionNumber,
      uploadedAt: version.createdAt.toISOString(),
      text: {
        status: version.textStatus as MaterialDetail['file']['text']['status'],
        failure: version.textFailure,
        partlySearched: version.textTruncated || (version.textLength ?? 0) > indexedTextCharacters,
        pageCount: version.pageCount,
        slideCount: version.slideCount,
        sheetCount: version.sheetCount,
      },
    },
  };
}
