import 'server-only';
import { config } from '@/lib/config';

/**
 * Who runs this hub and how to reach them, for the service pages (privacy, accessibility, cookies,
 * help, contact), from HUB_OPERATOR_NAME and SUPPORT_EMAIL. Either may be unset: the pages then word
 * themselves around it ("the organisation that runs this hub") rather than showing a blank.
 */
export interface SiteInfo {
  /** "Bristol City Council", or a description when HUB_OPERATOR_NAME is unset. */
  operator: string;
  operatorNamed: boolean;
  supportEmail: string | undefined;
}

export function siteInfo(): SiteInfo {
  const { operatorName, supportEmail } = config().site;
  return {
    operator: operatorName ?? 'the organisation that runs this hub',
    operatorNamed: operatorName !== undefined,
    supportEmail,
  };
}
