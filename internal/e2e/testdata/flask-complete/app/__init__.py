import logging
import os
import time

from flask import Flask, g, jsonify, request
from flask_bcrypt import Bcrypt
from flask_cors import CORS
from flask_jwt_extended import JWTManager
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from marshmallow import ValidationError
from werkzeug.exceptions import HTTPException

db = SQLAlchemy()
migrate = Migrate()
bcrypt = Bcrypt()
jwt = JWTManager()
limiter = Limiter(key_func=get_remote_address, default_limits=["200 per hour"])


def create_app(config=None):
    app = Flask(__name__)
    app.config["SQLALCHEMY_DATABASE_URI"] = os.environ["DATABASE_URL"]
    app.config["JWT_SECRET_KEY"] = os.environ["JWT_SECRET_KEY"]
    app.config.update(config or {})

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")

    db.init_app(app)
    migrate.init_app(app, db)
    bcrypt.init_app(app)
    jwt.init_app(app)
    limiter.init_app(app)
    CORS(app, origins=os.environ.get("CORS_ORIGINS", "http://localhost:5173").split(","))

    from app.api import api
    from app.auth import auth

    app.register_blueprint(auth, url_prefix="/auth")
    app.register_blueprint(api, url_prefix="/api")

    @app.before_request
    def start_timer():
        g.start = time.perf_counter()

    @app.after_request
    def log_request(response):
        elapsed = (time.perf_counter() - g.get("start", time.perf_counter())) * 1000
        app.logger.info("%s %s %s %.1fms", request.method, request.path, response.status_code, elapsed)
        return response

    @app.errorhandler(ValidationError)
    def validation_error(err):
        return jsonify(error="validation_failed", details=err.messages), 400

    @app.errorhandler(HTTPException)
    def http_error(err):
        return jsonify(error=err.name, message=err.description), err.code

    @app.errorhandler(Exception)
    def unhandled(err):
        app.logger.exception("unhandled error")
        return jsonify(error="internal_error", message="Something went wrong"), 500

    @app.get("/health")
    def health():
        return {"status": "ok"}

    return app
