import 'server-only';
import type { Viewer } from '@/lib/auth/viewer';
import { AppError } from '@/lib/errors';
import type { Services } from '@/lib/services';
import { projectFor } from './project-access';

/** A project's id and name for a link to it (from a material's page), or null if the viewer may not see it. */
export async function projectLink(services: Services, viewer: Viewer, projectId: string): Promise<{ id: string; name: string } | null> {
  try {
    const project = await projectFor(services.db, viewer, projectId);
    return { id: project.id, name: project.name };
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') return null;
    throw error;
  }
}
