/** A number typed into a text field, or the text itself, so the shared schema names what is wrong. */
export const typedNumber = (value: string): number | string => (value.trim() === "" || Number.isNaN(Number(value)) ? value : Number(value));
