import { attrs, classNames, contentOf, type ContentWithClasses } from './attributes.ts';

export interface HintProps extends ContentWithClasses {
  id?: string | undefined;
}

/** GOV.UK hint text; the field points at its id with `aria-describedby`. */
export function Hint(props: HintProps) {
  return (
    <div id={props.id} class={classNames('govuk-hint', props.classes)} {...attrs(props.attributes)}>
      {contentOf(props)}
    </div>
  );
}
