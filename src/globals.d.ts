// The one web API the core uses, available in every browser and in Node as a global. Declared
// here so the build needs neither the DOM nor the Node type library.
declare class TextDecoder {
  constructor(label?: string);
  decode(input?: ArrayBufferView): string;
}
