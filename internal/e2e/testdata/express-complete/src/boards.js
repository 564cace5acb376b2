const express = require('express');
const { z } = require('zod');
const db = require('./db');
const { requireAuth } = require('./auth');

const router = express.Router();
router.use(requireAuth);

const boardBody = z.object({ name: z.string().min(1).max(100) });
const cardBody = z.object({
  title: z.string().min(1).max(200),
  description: z.string().max(2000).optional(),
  position: z.number().int().nonnegative().default(0),
});
const page = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).default(0),
});

class NotFoundError extends Error {
  constructor(what) {
    super(`${what} not found`);
    this.status = 404;
  }
}

async function ownBoard(userId, boardId) {
  const board = await db('boards').where({ id: boardId, owner_id: userId }).first();
  if (!board) throw new NotFoundError('Board');
  return board;
}

router.get('/boards', async (req, res) => {
  const { limit, offset } = page.parse(req.query);
  const boards = await db('boards').where({ owner_id: req.user.sub }).orderBy('id').limit(limit).offset(offset);
  res.json({ items: boards, limit, offset });
});

router.post('/boards', async (req, res) => {
  const { name } = boardBody.parse(req.body);
  const [board] = await db('boards').insert({ name, owner_id: req.user.sub }).returning('*');
  res.status(201).json(board);
});

router.get('/boards/:id', async (req, res) => {
  res.json(await ownBoard(req.user.sub, req.params.id));
});

router.delete('/boards/:id', async (req, res) => {
  await ownBoard(req.user.sub, req.params.id);
  await db('boards').where({ id: req.params.id }).del();
  res.status(204).end();
});

router.get('/boards/:id/cards', async (req, res) => {
  await ownBoard(req.user.sub, req.params.id);
  const { limit, offset } = page.parse(req.query);
  res.json(await db('cards').where({ board_id: req.params.id }).orderBy('position').limit(limit).offset(offset));
});

router.post('/boards/:id/cards', async (req, res) => {
  await ownBoard(req.user.sub, req.params.id);
  const [card] = await db('cards').insert({ ...cardBody.parse(req.body), board_id: req.params.id }).returning('*');
  res.status(201).json(card);
});

router.patch('/cards/:id', async (req, res) => {
  const card = await db('cards').where({ id: req.params.id }).first();
  if (!card) throw new NotFoundError('Card');
  await ownBoard(req.user.sub, card.board_id);
  const [updated] = await db('cards').where({ id: card.id }).update(cardBody.partial().parse(req.body)).returning('*');
  res.json(updated);
});

router.delete('/cards/:id', async (req, res) => {
  const card = await db('cards').where({ id: req.params.id }).first();
  if (!card) throw new NotFoundError('Card');
  await ownBoard(req.user.sub, card.board_id);
  await db('cards').where({ id: card.id }).del();
  res.status(204).end();
});

router.get('/users/me', async (req, res) => {
  res.json(await db('users').select('id', 'email').where({ id: req.user.sub }).first());
});

module.exports = router;
