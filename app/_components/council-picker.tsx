'use client';

import { useEffect, useRef, type ReactNode } from 'react';
import { Select } from './govuk/select';

export interface CouncilOption {
  value: string;
  label: string;
}

export interface CouncilPickerProps {
  id: string;
  name: string;
  label: ReactNode;
  labelClassName?: string;
  labelIsPageHeading?: boolean;
  hint?: ReactNode;
  error?: ReactNode;
  options: readonly CouncilOption[];
  /** Value of the council selected when the page loads. */
  defaultValue?: string;
}

/**
 * A council `<select>` that works without JavaScript, turned into a
 * type-ahead (accessible-autocomplete) once JavaScript runs.
 *
 * The `<select>` keeps its `name` and stays in the form (hidden), so the form
 * posts the chosen council's value either way. After enhancement the text
 * input takes over the `id` (the label and error summary links point at it)
 * and the select becomes `${id}-select`.
 */
export function CouncilPicker({ options, defaultValue, ...field }: CouncilPickerProps) {
  const selectRef = useRef<HTMLSelectElement>(null);
  const { id, hint, error } = field;
  const hasError = Boolean(error);

  useEffect(() => {
    const select = selectRef.current;
    if (!select) return;

    let observer: MutationObserver | undefined;
    let cancelled = false;

    // Loaded in the browser only: the UMD bundle refers to `self` when evaluated.
    void import('accessible-autocomplete').then(({ default: accessibleAutocomplete }) => {
      // Enhance once, even if React runs this effect twice (development Strict Mode).
      if (cancelled || select.dataset.enhanced) return;
      select.dataset.enhanced = 'true';
      accessibleAutocomplete.enhanceSelectElement({
        selectElement: select,
        id,
        defaultValue: '',
        showAllValues: false,
        autoselect: true,
        confirmOnBlur: true,
        inputClasses: hasError ? 'govuk-input--error' : null,
        onConfirm(confirmed) {
          const match = Array.from(select.options).find((option) => option.value && option.text === confirmed);
          if (match) {
            select.value = match.value;
            return;
          }
          // Text cleared: clear the posted value too instead of keeping the previous council.
          const input = document.getElementById(id);
          if (input instanceof HTMLInputElement && input.value.trim() === '') select.value = '';
        },
      });

      // The autocomplete sets its own aria-describedby on the input; keep this
      // field's hint and error message in it too.
      const input = document.getElementById(id);
      const ownIds = [hint ? `${id}-hint` : null, hasError ? `${id}-error` : null].filter(
        (value): value is string => value !== null,
      );
      if (!(input instanceof HTMLInputElement) || ownIds.length === 0) return;
      const addOwnIds = () => {
        const current = (input.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
        const missing = ownIds.filter((ownId) => !current.includes(ownId));
        if (missing.length > 0) input.setAttribute('aria-describedby', [...missing, ...current].join(' '));
      };
      addOwnIds();
      observer = new MutationObserver(addOwnIds);
      observer.observe(input, { attributes: true, attributeFilter: ['aria-describedby'] });
    });

    return () => {
      cancelled = true;
      observer?.disconnect();
    };
    // Enhance on mount only; later prop changes do not re-create the widget.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return (
    <Select
      {...field}
      ref={selectRef}
      options={[{ value: '', label: 'Choose a council' }, ...options]}
      defaultValue={defaultValue ?? ''}
    />
  );
}
