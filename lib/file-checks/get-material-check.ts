import 'server-only';
import { eq } from 'drizzle-orm';
import { canPublishMaterial, canSeeCheckFindings, canViewMaterial } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import { suggestTags, type CheckReport, type Finding } from '@/lib/checks';
import { materials, materialVersions, organisations } from '@/lib/db/schema';
import { formatByCode } from '@/lib/formats/file-formats';
import { materialColumns } from '@/lib/materials/row-columns';
import type { Services } from '@/lib/services';
import { labelOf, vocabularies } from '@/lib/taxonomy/vocabularies';
import { isUuid } from '@/lib/text/uuid';
import type { CheckStatus } from './check-version';
import { cleanableFormats } from './clean-material-file';
import { publishNeeds, type PublishNeeds } from './publish-rules';
import { suggestionVocabularies } from './suggestion-vocabularies';
import { currentVersionCheck } from './version-check';

type Labelled = { slug: string; label: string };

/** Everything the check page shows: findings are masked (lib/checks), and only for those allowed. */
export interface MaterialCheck {
  material: {
    id: string;
    title: string;
    status: string;
    councilName: string | null;
    artefactType: Labelled;
    phases: Labelled[];
    topics: Labelled[];
  };
  file: { versionNumber: number; fileName: string; formatLabel: string };
  checkStatus: CheckStatus;
  /** Why the check did not run or finish, in plain words. */
  checkMessage: string | null;
  formatProblem: string | null;
  /** Personal data and hidden content, ranked likely first (as lib/checks ranks them). */
  findings: Finding[];
  /** Accessibility signals, each with a guidance link. */
  signals: Finding[];
  notes: string[];
  notListed: number;
  needs: PublishNeeds;
  /** The hub can make a copy without the hidden content it found (DOCX, XLSX, PPTX, JPEG, PNG). */
  canClean: boolean;
  acknowledgementRequired: boolean;
  /** Tags suggested from the file's name and text, not yet on the material. */
  suggestions: { artefactTypes: Labelled[]; phases: Labelled[]; topics: Labelled[]; fromTextToo: boolean };
}

/**
 * The check of a material's current file, for the check page: only for those who may see findings
 * (the owning organisation and site admins) and publish it; undefined (page not found) otherwise.
 */
export async function getMaterialCheck(services: Services, viewer: Viewer, materialId: string): Promise<MaterialCheck | undefined> {
  if (!isUuid(materialId)) return undefined;
  const [row] = await services.db
    .select({ material: materialColumns, council: organisations })
    .from(materials)
    .leftJoin(organisations, eq(organisations.id, materials.organisationId))
    .where(eq(materials.id, materialId));
  if (!row || !canViewMaterial(viewer, row.material) || !canSeeCheckFindings(viewer, row.material) || !canPublishMaterial(viewer, row.material)) return undefined;
  const version = await currentVersionCheck(services.db, materialId);
  if (!version) return undefined;
  const m = row.material;
  const report = version.checkReport as CheckReport | null;
  const checked = report?.status === 'checked' ? report : null;
  const findings = checked?.findings.filter((f) => f.category !== 'accessibility') ?? [];
  const v = vocabularies();
  const labelled = (list: Labelled[], slug: string) => ({ slug, label: labelOf(list, slug) });

  const [text] = await services.db
    .select({ text: materialVersions.textContent })
    .from(materialVersions)
    .where(eq(materialVersions.id, version.id));
  const suggested = suggestTags({ fileName: version.fileName, text: text?.text ?? '' }, suggestionVocabularies());
  return {
    material: {
      id: m.id,
      title: m.title,
      status: m.status,
      councilName: row.council?.name ?? null,
      artefactType: labelled(v.artefactTypes, m.artefactType),
      phases: m.phases.map((slug) => labelled(v.phases, slug)),
      topics: m.topics.map((slug) => labelled(v.topics, slug)),
    },
    file: { versionNumber: version.versionNumber, fileName: version.fileName, formatLabel: formatByCode(version.format)?.label ?? version.format.toUpperCase() },
    checkStatus: version.checkStatus as CheckStatus,
    checkMessage: version.checkMessage,
    formatProblem: version.formatProblem,
    findings,
    signals: checked?.findings.filter((f) => f.category === 'accessibility') ?? [],
    notes: checked?.notes ?? [],
    notListed: checked?.counts.notListed ?? 0,
    needs: publishNeeds({ checkStatus: version.checkStatus as CheckStatus, report, formatProblem: version.formatProblem }),
    canClean: cleanableFormats.includes(version.format) && findings.some((f) => f.category === 'hidden-content' && cleanableKinds.has(f.kind)),
    acknowledgementRequired: row.council?.requireCheckAcknowledgement ?? false,
    suggestions: {
      artefactTypes: suggested.artefactTypes.slice(0, 3).filter((s) => s.slug !== m.artefactType).map(({ slug, label }) => ({ slug, label })),
      phases: suggested.phases.filter((s) => !m.phases.includes(s.slug)).map(({ slug, label }) => ({ slug, label })),
      topics: suggested.topics.filter((s) => !m.topics.includes(s.slug)).map(({ slug, label }) => ({ slug, label })),
      fromTextToo: Boolean(text?.text),
    },
  };
}

/** Hidden content cleanDocument removes (lib/checks/README.md, "Clean-up"). */
const cleanableKinds = new Set<string>(['author', 'last-modified-by', 'comment', 'tracked-change', 'image-location', 'image-author', 'user-name-in-file-path']);
