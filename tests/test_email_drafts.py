"""The .eml draft: no value can add a header or a recipient; every address is one plain address."""

from __future__ import annotations

import email
import email.policy

import pytest

from generator.errors import TemplateProblem
from generator.model.email_address import address_problem
from generator.render.letters.email import build_eml, header_value, one_line, split_subject

HOSTILE = ["Hamid\r\nBcc: evil@x.test", "Hamid\nBcc: evil@x.test", "Hamid\rBcc: evil@x.test", "Ha\x00m\x1bi\x07d"]


def parse(data: bytes) -> email.message.EmailMessage:
    return email.message_from_bytes(data, policy=email.policy.default)  # type: ignore[return-value]


@pytest.mark.parametrize("name", HOSTILE)
def test_no_name_or_subject_can_start_a_header(name: str) -> None:
    data = build_eml(
        to_name=name, to_email="hamid@x.test", from_name=name, from_email="nell@x.test", subject=name, body="Hi\n"
    )
    head = data.split(b"\r\n\r\n", 1)[0].decode("ascii")
    names = [line.split(":", 1)[0] for line in head.split("\r\n") if not line.startswith((" ", "\t"))]
    assert names == [
        "To",
        "From",
        "Subject",
        "X-Unsent",
        "X-Ownerkit",
        "MIME-Version",
        "Content-Type",
        "Content-Transfer-Encoding",
    ]
    message = parse(data)
    assert message["Bcc"] is None
    assert [a.addr_spec for a in message["To"].addresses] == ["hamid@x.test"]
    assert not any(c in str(message["Subject"]) for c in "\r\n\x00\x1b\x07")


def test_non_ascii_names_are_encoded_and_read_back() -> None:
    data = build_eml(
        to_name="Hämid Öz, Jr.", to_email="h@x.test", from_name="Nell", from_email=None, subject="Danke", body="x\n"
    )
    message = parse(data)
    assert message["To"].addresses[0].display_name == "Hämid Öz, Jr."
    assert message["To"].addresses[0].addr_spec == "h@x.test"
    assert message["From"] is None


@pytest.mark.parametrize("address", ["x,hamid@x.test", "evil;hamid@x.test", "hämid@x.test", "a@b", "a b@x.test"])
def test_an_address_that_is_not_one_plain_address_is_refused(address: str) -> None:
    assert address_problem(address) is not None
    with pytest.raises(TemplateProblem):
        build_eml(to_name="H", to_email=address, from_name="N", from_email=None, subject="S", body="x\n")


@pytest.mark.parametrize(
    "address", ["peggy.hollis@example.com", "o'brien+piano@mail.example.co.uk", "x@xn--bckerei-5wa.test"]
)
def test_plain_addresses_pass(address: str) -> None:
    assert address_problem(address) is None


def test_one_line_and_header_value() -> None:
    assert one_line("a\r\n b\u2028c\x85d") == "a b c d"
    assert header_value("Ünïcode\nBcc: x") == "=?utf-8?b?w5xuw69jb2RlIEJjYzogeA==?="


def test_split_subject_names_the_template() -> None:
    assert split_subject("\nSubject: Thank\x1byou\n\nBody\n", "e.j2") == ("Thank you", "\nBody\n".strip("\n") + "\n")
    with pytest.raises(TemplateProblem, match=r"^referrals/templates/email.txt.j2:1: the first line must be"):
        split_subject("Hello\n", "referrals/templates/email.txt.j2")
