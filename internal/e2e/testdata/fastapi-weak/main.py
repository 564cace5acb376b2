import os

import psycopg2
from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI()
conn = psycopg2.connect(os.environ["DATABASE_URL"])


class Item(BaseModel):
    name: str
    price: float


@app.get("/")
def hello():
    return {"message": "Hello World"}


@app.get("/items")
def list_items():
    with conn.cursor() as cur:
        cur.execute("SELECT id, name, price FROM items")
        return [{"id": r[0], "name": r[1], "price": r[2]} for r in cur.fetchall()]


@app.post("/items")
def create_item(item: Item):
    with conn.cursor() as cur:
        cur.execute("INSERT INTO items (name, price) VALUES (%s, %s) RETURNING id", (item.name, item.price))
        conn.commit()
        return {"id": cur.fetchone()[0], **item.dict()}
