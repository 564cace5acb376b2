require('express-async-errors');
const express = require('express');
const cors = require('cors');
const helmet = require('helmet');
const rateLimit = require('express-rate-limit');
const pino = require('pino');
const pinoHttp = require('pino-http');
const swaggerUi = require('swagger-ui-express');
const YAML = require('yamljs');
const { ZodError } = require('zod');
const auth = require('./auth');
const boards = require('./boards');

const logger = pino({ level: process.env.LOG_LEVEL || 'info' });
const app = express();

app.use(helmet());
app.use(cors({ origin: (process.env.CORS_ORIGINS || 'http://localhost:5173').split(',') }));
app.use(express.json({ limit: '100kb' }));
app.use(pinoHttp({ logger }));
app.use(rateLimit({ windowMs: 60 * 1000, limit: 100, standardHeaders: 'draft-7', legacyHeaders: false }));

app.get('/health', (req, res) => res.json({ status: 'ok' }));
app.use('/docs', swaggerUi.serve, swaggerUi.setup(YAML.load('./openapi.yaml')));
app.use('/auth', auth.router);
app.use('/api', boards);

app.use((req, res) => res.status(404).json({ error: 'not_found' }));

// Central error handler: validation errors are 400, known errors keep their
// status, anything else is logged and answered with a generic 500.
app.use((err, req, res, next) => {
  if (err instanceof ZodError) {
    return res.status(400).json({ error: 'validation_failed', details: err.flatten().fieldErrors });
  }
  if (err.status && err.status < 500) {
    return res.status(err.status).json({ error: err.message });
  }
  req.log.error({ err }, 'unhandled error');
  return res.status(500).json({ error: 'internal_error' });
});

if (require.main === module) {
  const port = process.env.PORT || 3000;
  app.listen(port, () => logger.info(`listening on ${port}`));
}

module.exports = app;
