"""Valid sample tickets per type, shared by the handler tests (and usable by other test folders)."""

from __future__ import annotations

COMMON = {"name": "Ana Pérez", "email": "ana@example.com", "account": "mystore"}

VALID: dict[str, dict[str, str]] = {
    "technical": {
        **COMMON,
        "problem_type": "problem",
        "impact": "critical",
        "environment": "production",
        "users_affected": "shoppers",
        "experience": "job",
        "title": "Checkout falla",
        "description": "Al pagar aparece un error 500.\nPasos: 1, 2, 3.",
    },
    "financial": {
        **COMMON,
        "subject": "boleto_invoice",
        "title": "Boleto no llegó",
        "description": "No recibí el boleto de octubre.",
    },
    "commercial": {
        **COMMON,
        "need": "additional_account",
        "additional_account_name": "mystore-dev",
        "additional_account_purpose": "development",
        "title": "Cuenta de pruebas",
        "description": "Necesitamos una cuenta adicional para QA.",
    },
}

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 64
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
