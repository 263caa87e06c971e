// Preloaded by update-memory-variants.js: V8 flags set after start-up, as the CLI itself could.
import v8 from 'node:v8';

v8.setFlagsFromString(process.env.V8_RUNTIME_FLAGS ?? '');
