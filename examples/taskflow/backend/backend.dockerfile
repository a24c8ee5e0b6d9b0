FROM python:3.12-slim

WORKDIR /app

# don't write .pyc files, flush logs straight to stdout
ENV PYTHONDONTWRITEBYTECODE=1
ENV PYTHONUNBUFFERED=1

COPY . .
RUN pip install --no-cache-dir -r requirements.txt

EXPOSE 8000

# --reload for local dev, remove for prod
CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "8000", "--reload"]
