from flask import Blueprint, jsonify, request
from flask_jwt_extended import create_access_token
from marshmallow import Schema, fields, validate

from app import bcrypt, db, limiter
from app.models import User

auth = Blueprint("auth", __name__)


class Credentials(Schema):
    email = fields.Email(required=True)
    password = fields.String(required=True, validate=validate.Length(min=8, max=128))


@auth.post("/register")
@limiter.limit("5 per minute")
def register():
    data = Credentials().load(request.get_json() or {})
    if User.query.filter_by(email=data["email"]).first():
        return jsonify(error="conflict", message="Email already registered"), 409
    user = User(email=data["email"], password_hash=bcrypt.generate_password_hash(data["password"]).decode())
    db.session.add(user)
    db.session.commit()
    return jsonify(id=user.id, email=user.email), 201


@auth.post("/login")
@limiter.limit("10 per minute")
def login():
    data = Credentials().load(request.get_json() or {})
    user = User.query.filter_by(email=data["email"]).first()
    if user is None or not bcrypt.check_password_hash(user.password_hash, data["password"]):
        return jsonify(error="unauthorized", message="Wrong email or password"), 401
    return jsonify(access_token=create_access_token(identity=str(user.id)))
