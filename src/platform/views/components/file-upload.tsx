import type { Locale } from '../../i18n/index.ts';
import { attrs, classNames, joinIds, type Attributes, type ContentWithClasses } from './attributes.ts';
import { i18nAttributes, scriptMessages } from './components.i18n.ts';
import { ErrorMessage, type ErrorText } from './error-message.tsx';
import { FormGroup, renderContent, type FormGroupOptions } from './form-group.tsx';
import { Hint } from './hint.tsx';
import { Label, type LabelProps } from './label.tsx';

export interface FileUploadProps {
  name: string;
  id?: string | undefined;
  label: Omit<LabelProps, 'for'>;
  hint?: ContentWithClasses | undefined;
  errorMessage?: ErrorText | undefined;
  describedBy?: string | undefined;
  multiple?: boolean | undefined;
  /** e.g. `.pdf,.jpg,image/jpeg` — a hint to the browser; the server still checks the file. */
  accept?: string | undefined;
  disabled?: boolean | undefined;
  /**
   * Enhance with GOV.UK's drop zone and a translated "Choose file" button. Needs `locale` for
   * the texts the script shows.
   */
  javascript?: { locale: Locale } | undefined;
  classes?: string | undefined;
  wrapperClasses?: string | undefined;
  wrapperAttributes?: Attributes | undefined;
  formGroup?: FormGroupOptions | undefined;
  attributes?: Attributes | undefined;
}

/** GOV.UK file upload. The form needs `enctype="multipart/form-data"`. */
export function FileUpload(props: FileUploadProps) {
  const id = props.id ?? props.name;
  const hintId = props.hint ? `${id}-hint` : undefined;
  const errorId = props.errorMessage ? `${id}-error` : undefined;
  const describedBy = joinIds(props.describedBy, hintId, errorId);
  const input = (
    <input
      class={classNames('govuk-file-upload', props.classes, props.errorMessage && 'govuk-file-upload--error')}
      id={id}
      name={props.name}
      type="file"
      disabled={props.disabled || undefined}
      multiple={props.multiple || undefined}
      accept={props.accept}
      aria-describedby={describedBy}
      {...attrs(props.attributes)}
    />
  );
  const locale = props.javascript?.locale;
  return (
    <FormGroup
      hasError={!!props.errorMessage}
      classes={props.formGroup?.classes}
      attributes={props.formGroup?.attributes}
    >
      <Label {...props.label} for={id} />
      {props.hint && <Hint {...props.hint} id={hintId} />}
      {props.errorMessage && <ErrorMessage {...props.errorMessage} id={errorId} />}
      {renderContent(props.formGroup?.beforeInput)}
      {locale ? (
        <div
          class={classNames('govuk-file-upload-wrapper', props.wrapperClasses)}
          data-module="govuk-file-upload"
          {...i18nAttributes('choose-files-button', scriptMessages(locale, 'fileUpload.chooseFilesButton'))}
          {...i18nAttributes('no-file-chosen', scriptMessages(locale, 'fileUpload.noFileChosen'))}
          {...i18nAttributes('multiple-files-chosen', scriptMessages(locale, 'fileUpload.multipleFilesChosen'))}
          {...i18nAttributes('drop-instruction', scriptMessages(locale, 'fileUpload.dropInstruction'))}
          {...i18nAttributes('entered-drop-zone', scriptMessages(locale, 'fileUpload.enteredDropZone'))}
          {...i18nAttributes('left-drop-zone', scriptMessages(locale, 'fileUpload.leftDropZone'))}
          {...attrs(props.wrapperAttributes)}
        >
          {input}
        </div>
      ) : (
        input
      )}
      {renderContent(props.formGroup?.afterInput)}
    </FormGroup>
  );
}
