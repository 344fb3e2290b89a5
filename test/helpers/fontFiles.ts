import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROBOTO } from '../../src/render/pdf/roboto.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Every face the tool ships (Roboto) and the fixtures' own fonts (DejaVu, Liberation). */
export const FONT_FILES: readonly string[] = [
  ...Object.values(ROBOTO),
  'test/fixtures/stadt/schrift/DejaVuSerif.ttf',
  'test/fixtures/stadt/schrift/DejaVuSerif-Bold.ttf',
  'test/fixtures/fonts/LiberationSerif-Regular.ttf',
  'test/fixtures/fonts/LiberationSerif-Bold.ttf',
].map((file) => path.resolve(root, file));
