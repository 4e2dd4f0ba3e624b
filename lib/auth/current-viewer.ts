import 'server-only';
import { anonymous, type Viewer } from './viewer';

/**
 * The viewer of the request being handled. Until sign-in is wired up everyone is anonymous.
 */
export async function currentViewer(): Promise<Viewer> {
  return anonymous;
}
