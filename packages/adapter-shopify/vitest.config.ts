import { defineUnicartTestConfig } from '../../vitest.shared';

export default defineUnicartTestConfig();
