import { createTsupConfig } from '../../tsup.config.base';

export default createTsupConfig();
