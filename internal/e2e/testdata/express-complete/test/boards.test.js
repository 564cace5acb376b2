const request = require('supertest');
const app = require('../src/app');
const db = require('../src/db');

beforeAll(() => db.migrate.latest());
afterAll(() => db.destroy());

async function login() {
  await request(app).post('/auth/register').send({ email: 'ana@example.com', password: 's3cure-pass' });
  const res = await request(app).post('/auth/login').send({ email: 'ana@example.com', password: 's3cure-pass' });
  return `Bearer ${res.body.accessToken}`;
}

test('boards need a token', async () => {
  const res = await request(app).get('/api/boards');
  expect(res.status).toBe(401);
});

test('create a board and add a card', async () => {
  const token = await login();
  const board = await request(app).post('/api/boards').set('Authorization', token).send({ name: 'Sprint 1' });
  expect(board.status).toBe(201);
  const card = await request(app).post(`/api/boards/${board.body.id}/cards`).set('Authorization', token).send({ title: 'Write tests' });
  expect(card.status).toBe(201);
});

test('invalid board is a 400 with details', async () => {
  const token = await login();
  const res = await request(app).post('/api/boards').set('Authorization', token).send({ name: '' });
  expect(res.status).toBe(400);
  expect(res.body.details.name).toBeDefined();
});
