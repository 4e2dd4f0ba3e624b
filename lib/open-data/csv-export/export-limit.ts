/** Rows in one CSV export: enough for any real list, bounded so one request cannot read the whole hub. Safe to import anywhere. */
export const csvExportLimit = 5000;
