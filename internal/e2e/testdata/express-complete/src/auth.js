const express = require('express');
const bcrypt = require('bcrypt');
const jwt = require('jsonwebtoken');
const { z } = require('zod');
const db = require('./db');

const router = express.Router();
const JWT_SECRET = process.env.JWT_SECRET;

const credentials = z.object({
  email: z.string().email(),
  password: z.string().min(8).max(72),
});

function requireAuth(req, res, next) {
  const header = req.headers.authorization || '';
  const token = header.startsWith('Bearer ') ? header.slice(7) : null;
  if (!token) {
    return res.status(401).json({ error: 'missing_token' });
  }
  try {
    req.user = jwt.verify(token, JWT_SECRET);
    return next();
  } catch (err) {
    return res.status(401).json({ error: 'invalid_token' });
  }
}

router.post('/register', async (req, res, next) => {
  try {
    const { email, password } = credentials.parse(req.body);
    const passwordHash = await bcrypt.hash(password, 12);
    const [user] = await db('users').insert({ email, password_hash: passwordHash }).returning(['id', 'email']);
    res.status(201).json(user);
  } catch (err) {
    next(err);
  }
});

router.post('/login', async (req, res, next) => {
  try {
    const { email, password } = credentials.parse(req.body);
    const user = await db('users').where({ email }).first();
    if (!user || !(await bcrypt.compare(password, user.password_hash))) {
      return res.status(401).json({ error: 'invalid_credentials' });
    }
    const token = jwt.sign({ sub: user.id }, JWT_SECRET, { expiresIn: '1h' });
    return res.json({ accessToken: token });
  } catch (err) {
    return next(err);
  }
});

module.exports = { router, requireAuth };
