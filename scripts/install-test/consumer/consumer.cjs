'use strict';
// A CommonJS bot project: every package comes from require(), as in
// `const { attachWebhooks } = require('@bothooks/telegraf')`.
require('./driver.cjs').run((name) => require(name), process.env);
