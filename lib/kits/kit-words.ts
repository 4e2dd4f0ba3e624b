/** Limits of the kit forms, shared by the forms' hints and the checks (kit-input.ts). Safe to import anywhere. */
export const kitTitleLimit = 120;
export const kitDescriptionLimit = 1000;
export const kitNoteLimit = 500;

