#!/usr/bin/env python3
"""Mails the daily sales report, then tells the Pushgateway how it went.

Run from cron once a day. Needs `pip install prometheus-client`.
"""

import smtplib
import time
from email.message import EmailMessage

from prometheus_client import CollectorRegistry, Gauge, push_to_gateway

RECIPIENTS = ["sales@example.com", "finance@example.com"]


def send_report(recipients):
    """Sends the report to each recipient; returns how many were sent."""
    sent = 0
    with smtplib.SMTP("localhost") as smtp:
        for recipient in recipients:
            message = EmailMessage()
            message["Subject"] = "Daily sales report"
            message["From"] = "reports@example.com"
            message["To"] = recipient
            message.set_content("Yesterday's sales are attached.")
            smtp.send_message(message)
            sent += 1
    return sent


def main():
    registry = CollectorRegistry()
    reports_sent = Gauge(
        "report_mailer_reports_sent", "Reports mailed by the last run.", registry=registry
    )
    duration = Gauge(
        "report_mailer_duration_seconds", "How long the last run took.", registry=registry
    )
    last_success = Gauge(
        "report_mailer_last_success_unixtime",
        "When the last run succeeded, in Unix seconds.",
        registry=registry,
    )

    started = time.time()
    reports_sent.set(send_report(RECIPIENTS))
    duration.set(time.time() - started)
    last_success.set_to_current_time()

    # PUT: replaces every metric of the report_mailer group.
    push_to_gateway("127.0.0.1:9091", job="report_mailer", registry=registry)


if __name__ == "__main__":
    main()
