declare module 'govuk-frontend' {
  export function initAll(options?: unknown): void;
}
