import { defineUnicartTestConfig } from '../../vitest.shared.ts';

export default defineUnicartTestConfig();
