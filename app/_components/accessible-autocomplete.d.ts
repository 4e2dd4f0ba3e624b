// accessible-autocomplete 3 ships no TypeScript types. Only what this app uses.
// The package is a UMD bundle that touches `self` when evaluated: import it
// dynamically, in the browser only (see council-picker.tsx).
declare module 'accessible-autocomplete' {
  interface AccessibleAutocompleteOptions {
    id?: string;
    name?: string;
    source?: string[] | ((query: string, populateResults: (results: string[]) => void) => void);
    defaultValue?: string;
    autoselect?: boolean;
    confirmOnBlur?: boolean;
    showAllValues?: boolean;
    showNoOptionsFound?: boolean;
    displayMenu?: 'inline' | 'overlay';
    minLength?: number;
    placeholder?: string;
    required?: boolean;
    inputClasses?: string | null;
    hintClasses?: string | null;
    menuClasses?: string | null;
    menuAttributes?: Record<string, string>;
    onConfirm?: (confirmed: string | undefined) => void;
    tNoResults?: () => string;
    tStatusQueryTooShort?: (minQueryLength: number) => string;
    tStatusNoResults?: () => string;
    tStatusSelectedOption?: (selectedOption: string, length: number, index: number) => string;
    tStatusResults?: (length: number, contentSelectedOption: string) => string;
    tAssistiveHint?: () => string;
  }

  interface EnhanceSelectOptions extends AccessibleAutocompleteOptions {
    selectElement: HTMLSelectElement;
    /** Keep options whose value is empty in the list. */
    preserveNullOptions?: boolean;
  }

  interface AccessibleAutocomplete {
    (options: AccessibleAutocompleteOptions & { element: HTMLElement; id: string }): void;
    enhanceSelectElement(options: EnhanceSelectOptions): void;
  }

  const accessibleAutocomplete: AccessibleAutocomplete;
  export default accessibleAutocomplete;
}
