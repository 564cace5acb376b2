// Notes: a small Express API the probe's integration tests run, with
// swagger-jsdoc and swagger-ui-express as most Express portfolios use them.
// BROKEN=1 gives the mistakes the probe must report: an OpenAPI 3 document
// with Swagger 2.0's `produces`, any-origin CORS, no security headers on
// the JSON answers, and Express's own X-Powered-By banner.
const path = require('path');

const express = require('express');
const swaggerJSDoc = require('swagger-jsdoc');
const swaggerUi = require('swagger-ui-express');

const broken = process.env.BROKEN === '1';
const app = express();

if (broken) {
  app.use((req, res, next) => {
    res.set('Access-Control-Allow-Origin', '*');
    if (req.method === 'OPTIONS') return res.sendStatus(204);
    next();
  });
} else {
  app.disable('x-powered-by');
  app.use((req, res, next) => {
    res.set('X-Content-Type-Options', 'nosniff');
    next();
  });
}

const notes = [{ id: 1, text: 'Call the plumber' }, { id: 2, text: 'Water the plants' }];

/**
 * @openapi
 * /api/notes:
 *   get:
 *     summary: List notes
 *     operationId: listNotes
 *     responses:
 *       200:
 *         description: The notes
 *         content:
 *           application/json:
 *             schema:
 *               type: array
 *               items:
 *                 $ref: '#/components/schemas/Note'
 */
app.get('/api/notes', (req, res) => res.json(notes));

/**
 * @openapi
 * /api/v1/ping:
 *   get:
 *     summary: Health check
 *     operationId: ping
 *     responses:
 *       200:
 *         description: Up
 *         content:
 *           application/json:
 *             schema:
 *               type: object
 *               properties:
 *                 status: { type: string }
 */
app.get('/api/v1/ping', (req, res) => res.json({ status: 'ok' }));

app.get('/api/notes/count', (req, res) => res.json({ count: notes.length }));

const spec = swaggerJSDoc({
  definition: {
    openapi: '3.0.3',
    info: { title: 'Notes', version: '1.0.0' },
    components: {
      schemas: {
        Note: { type: 'object', required: ['id', 'text'], properties: { id: { type: 'integer' }, text: { type: 'string' } } },
      },
    },
  },
  apis: [__filename].concat(broken ? [path.join(__dirname, 'broken-docs.js')] : []),
});
app.use('/api-docs', swaggerUi.serve, swaggerUi.setup(spec));

app.listen(Number(process.env.PORT || 3000), '127.0.0.1', () => console.log('listening'));
