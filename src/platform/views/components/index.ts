/**
 * GOV.UK Frontend components as Preact functions: the same markup, classes and ARIA as the
 * Nunjucks macros of govuk-frontend 6 (proven against its fixtures in components.test.tsx),
 * so the WCAG-tested behaviour and scripts carry over. Text is escaped; there is no raw-HTML
 * option — pass JSX as children instead.
 */
export * from './attributes.ts';
export { BackLink, type BackLinkProps } from './back-link.tsx';
export { Breadcrumbs, type BreadcrumbItem, type BreadcrumbsProps } from './breadcrumbs.tsx';
export { Button, type ButtonProps } from './button.tsx';
export { Checkboxes, type CheckboxItem, type CheckboxesProps } from './checkboxes.tsx';
export { DateInput, DATE_PARTS, type DateInputItem, type DateInputProps, type DatePart } from './date-input.tsx';
export { Details, type DetailsProps } from './details.tsx';
export { ErrorMessage, type ErrorMessageProps, type ErrorText } from './error-message.tsx';
export { ErrorSummary, type ErrorSummaryItem, type ErrorSummaryProps } from './error-summary.tsx';
export { Fieldset, type FieldsetOptions, type FieldsetProps, type LegendProps } from './fieldset.tsx';
export { FileUpload, type FileUploadProps } from './file-upload.tsx';
export { type FormGroupOptions, type FormGroupsOptions } from './form-group.tsx';
export { Hint, type HintProps } from './hint.tsx';
export { InsetText, type InsetTextProps } from './inset-text.tsx';
export { Label, type LabelProps } from './label.tsx';
export { NotificationBanner, type NotificationBannerProps } from './notification-banner.tsx';
export { Pagination, type PaginationItem, type PaginationLink, type PaginationProps } from './pagination.tsx';
export { Panel, type PanelProps } from './panel.tsx';
export { Radios, type ChoiceDivider, type ChoiceItem, type RadiosProps } from './radios.tsx';
export { Select, type SelectItem, type SelectProps } from './select.tsx';
export { SummaryList, type SummaryListAction, type SummaryListProps, type SummaryListRow } from './summary-list.tsx';
export { Table, type TableCell, type TableCellInput, type TableProps } from './table.tsx';
export { Tabs, type TabItem, type TabsProps } from './tabs.tsx';
export { Tag, type TagColour, type TagProps } from './tag.tsx';
export { CharacterCount, Textarea, type CharacterCountProps, type TextareaProps } from './textarea.tsx';
export { TextInput, type TextInputProps } from './text-input.tsx';
export { WarningText, type WarningTextProps } from './warning-text.tsx';
