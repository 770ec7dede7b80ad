import { SelectorInput } from '../../model/selector';

/** Props every pattern takes. */
export interface PatternProps {
  /** The name of the policy the pattern makes, or the prefix of its policies' names. @default the construct id in kebab-case */
  readonly name?: string;
  /** The namespace of the policies. @default the PolicyChart's namespace */
  readonly namespace?: string;
}

/** Props of the patterns that apply to some of a namespace's pods. */
export interface SelectingPatternProps extends PatternProps {
  /** The pods the policy is about, by labels. @default every pod in the namespace */
  readonly select?: SelectorInput;
}
