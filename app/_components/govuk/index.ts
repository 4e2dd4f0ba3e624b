// GOV.UK Frontend components as React components. Server-safe: none of them
// needs 'use client'; GOV.UK Frontend's JavaScript enhances them after load
// (see ../govuk-frontend-init.tsx) and every one works without it.
export { BackLink, type BackLinkProps } from './back-link';
export { Button, type ButtonProps, type FormButtonProps, type LinkButtonProps } from './button';
export { Checkboxes, type CheckboxesProps } from './checkboxes';
export type { ChoiceDivider, ChoiceEntry, ChoiceItem } from './choice-parts';
export { DateInput, type DateInputProps } from './date-input';
export { Details, type DetailsProps } from './details';
export { ErrorSummary, type ErrorSummaryItem, type ErrorSummaryProps } from './error-summary';
export { ErrorMessage, FormGroup, Hint, Label, cx, type FieldProps } from './field-parts';
export { Fieldset, type FieldsetProps } from './fieldset';
export { FileUpload, type FileUploadProps } from './file-upload';
export { InsetText, type InsetTextProps } from './inset-text';
export { NotificationBanner, type NotificationBannerProps } from './notification-banner';
export {
  Pagination,
  paginationItems,
  type PaginationItem,
  type PaginationLink,
  type PaginationProps,
} from './pagination';
export { Panel, type PanelProps } from './panel';
export { Radios, type RadiosProps } from './radios';
export { Select, type SelectOption, type SelectProps } from './select';
export { ServiceNavigation, type ServiceNavigationItem, type ServiceNavigationProps } from './service-navigation';
export { SummaryList, type SummaryListAction, type SummaryListProps, type SummaryListRow } from './summary-list';
export { Table, type TableCell, type TableColumn, type TableProps, type TableRow } from './table';
export { Tag, type TagColour, type TagProps } from './tag';
export { Textarea, type TextareaProps } from './textarea';
export { TextInput, type TextInputProps } from './text-input';
