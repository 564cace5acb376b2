from flask import Flask, jsonify, request
from flask_sqlalchemy import SQLAlchemy
import os

app = Flask(__name__)
app.config["SQLALCHEMY_DATABASE_URI"] = os.environ.get("DATABASE_URL")
db = SQLAlchemy(app)


class Todo(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    task = db.Column(db.String(200))
    done = db.Column(db.Boolean, default=False)


@app.route("/")
def index():
    return "Hello, World!"


@app.route("/todos", methods=["GET"])
def get_todos():
    return jsonify([{"id": t.id, "task": t.task, "done": t.done} for t in Todo.query.all()])


@app.route("/todos", methods=["POST"])
def add_todo():
    todo = Todo(task=request.json["task"])
    db.session.add(todo)
    db.session.commit()
    return jsonify({"id": todo.id, "task": todo.task, "done": todo.done})


if __name__ == "__main__":
    with app.app_context():
        db.create_all()
    app.run(debug=True)
