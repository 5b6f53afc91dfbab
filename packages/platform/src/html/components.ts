// Every component, from one import. Each lives in a small file by theme; all are pure functions of props.
export { layout, errorPage, HTMX_CONFIG, FLASH_REGION_ID } from './layout.ts';
export type { LayoutProps, NavItem, LayoutUser, ErrorDocumentProps } from './layout.ts';
export { button, linkButton, pageHeader, badge, card, emptyState, definitionList } from './primitives.ts';
export type {
  ButtonProps,
  ButtonVariant,
  LinkButtonProps,
  PageHeaderProps,
  Breadcrumb,
  BadgeProps,
  Tone,
  CardProps,
  EmptyStateProps,
  DefinitionItem,
  ExtraAttrs,
} from './primitives.ts';
export {
  formField,
  checkboxGroup,
  copyField,
  confirmDialog,
  dangerZone,
  csrfField,
  fieldId,
  CSRF_FIELD,
  CSRF_HEADER,
} from './forms.ts';
export type {
  FormFieldProps,
  SelectOption,
  CheckboxGroupProps,
  CheckboxOption,
  CopyFieldProps,
  ConfirmFormProps,
} from './forms.ts';
export { table, pagination, tabs } from './data.ts';
export type { Column, TableProps, PaginationProps, TabsProps, TabItem } from './data.ts';
export { flash, flashes, errorPanel, errorDefaults } from './feedback.ts';
export type { FlashProps, FlashTone, ErrorPageProps } from './feedback.ts';
export { icons } from './icons.ts';
