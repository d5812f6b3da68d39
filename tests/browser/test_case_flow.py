"""A caseworker's work in a real browser, as they would do it (labels and roles, no CSS): an
outgoing establishment application through the wizard to its Transmittal PDF and the recorded
transmission; an incoming application registered and acknowledged, whose status-report deadline
(Art 12(4)) the case page shows as the Convention engine computes it in the State's time zone.
axe checks the dashboard, a case page and a wizard step; their screenshots go to
docs/screenshots/ (dashboard.png, case.png, wizard-step.png).

The two tests share the signed-in caseworker and run in file order: the dashboard at the end
shows the cases of both.
"""

import datetime
import re
from zoneinfo import ZoneInfo

from django.utils import translation
from playwright.sync_api import expect

from cases.templatetags.cases_ui import day as day_label
from convention.deadlines import DeadlineSettings, status_report_due
from tests.cases.conftest import PDF

PARTNER = "Norway"


def _state_today(state) -> datetime.date:
    """Today where the State's deadlines are counted (its own time zone, not the server's)."""
    return datetime.datetime.now(ZoneInfo(state.time_zone)).date()


def _fill_date(scope, legend: str, value: datetime.date) -> None:
    """The GOV.UK date input: a group named by its legend, with Day, Month and Year boxes."""
    group = scope.get_by_role("group", name=legend, exact=True)
    group.get_by_label("Day", exact=True).fill(str(value.day))
    group.get_by_label("Month", exact=True).fill(str(value.month))
    group.get_by_label("Year", exact=True).fill(str(value.year))


def _open_section(page, title: str):
    page.get_by_role("link", name=title, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)


def _saved(page) -> None:
    expect(page.get_by_text("Saved.", exact=True)).to_be_visible()


def _expect_status(page, title: str, status: str) -> None:
    """A section of the task list: its link is described by the section's status."""
    link = page.get_by_role("link", name=title, exact=True)
    expect(link).to_have_accessible_description(status)


def _expect_case_page(page, state) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text(
        re.compile(rf"^Case {state.code}-\d{{4}}-\d+$")
    )


def _add_person(page, *, family_name, given_names, born, residence, address="") -> None:
    page.get_by_label("Family name", exact=True).fill(family_name)
    page.get_by_label("Given names", exact=True).fill(given_names)
    _fill_date(page, "Date of birth", born)
    if address:
        page.get_by_label("Address", exact=True).fill(address)
    page.get_by_label("State of habitual residence", exact=True).select_option(label=residence)


def test_outgoing_establishment_application_through_the_wizard_to_transmission_art_12_2(
    signed_in_page, browser_state, axe_check, screenshot, tmp_path
):
    page = signed_in_page
    today = _state_today(browser_state)

    # Start: the requested State, the legal basis the engine derives, the application type.
    page.get_by_role("navigation", name="Menu").get_by_role(
        "link", name="New outgoing application"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("New outgoing application")
    page.get_by_label("Requested State", exact=True).select_option(label=PARTNER)
    page.get_by_role("button", name="Check the legal basis").click()
    expect(
        page.get_by_text(re.compile(r"^2007 Hague Child Support Convention \(Art"))
    ).to_be_visible()
    page.get_by_role("radio", name=re.compile(r"\(Art 10\(1\)\(c\)\)$")).check()
    page.get_by_role("button", name="Create the case", exact=True).last.click()

    # The task list.
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Establishment of a decision where there is no existing decision"
    )
    expect(
        page.get_by_text(re.compile(r"^Case \S+ created\. Complete the application\.$"))
    ).to_be_visible()
    task_list_url = page.url
    expect(page.get_by_text("Legal basis: 2007 Hague Child Support Convention")).to_be_visible()
    _expect_status(page, "The applicant", "Not started")
    _expect_status(page, "Consent of the applicant", "Cannot start yet")
    axe_check(page)

    # The applicant: the creditor, a parent acting for herself and her child.
    _open_section(page, "The applicant")
    _add_person(
        page,
        family_name="Korhonen",
        given_names="Laura",
        born=datetime.date(1988, 5, 14),
        residence="Finland",
        address="Mannerheimintie 1, Helsinki",
    )
    axe_check(page)
    page.evaluate("document.activeElement.blur()")  # no focus ring in the picture
    screenshot(page, "wizard-step")
    page.get_by_role("button", name="Save and return to the application").click()
    _saved(page)
    _expect_status(page, "The applicant", "Completed")

    # The child for whom maintenance is sought.
    _open_section(page, "Persons for whom maintenance is sought")
    _add_person(
        page,
        family_name="Korhonen",
        given_names="Eeli",
        born=datetime.date(2017, 9, 3),
        residence="Finland",
    )
    page.get_by_role("button", name="Add this person").click()
    _saved(page)
    expect(page.get_by_role("heading", name="Eeli Korhonen")).to_be_visible()
    page.get_by_role("link", name="Return to the application").click()

    # The debtor, the respondent in Norway.
    _open_section(page, "The debtor (respondent)")
    _add_person(
        page,
        family_name="Berg",
        given_names="Jonas",
        born=datetime.date(1985, 2, 11),
        residence=PARTNER,
        address="Storgata 5, Oslo",
    )
    page.get_by_role("button", name="Add this person").click()
    _saved(page)
    page.get_by_role("link", name="Return to the application").click()

    # The grounds and the particulars of an establishment application.
    _open_section(page, "Grounds and details of the application")
    page.get_by_label("Grounds of the application (Art 11(1)(e))").fill(
        "The debtor is the father of Eeli and pays nothing towards his maintenance."
    )
    page.get_by_role("radio", name="Parentage", exact=True).check()
    page.get_by_role("group", name="Parentage", exact=True).get_by_role(
        "radio", name="Established", exact=True
    ).check()
    page.get_by_role("button", name="Save and return to the application").click()
    _saved(page)

    _open_section(page, "Where payments should be sent")
    page.get_by_label("Name of the account holder").fill("Laura Korhonen")
    page.get_by_label("Account number or IBAN").fill("FI2112345600000785")
    page.get_by_role("button", name="Save and return to the application").click()
    _saved(page)

    # A document: the financial circumstances form (Art 11(2)), a small PDF.
    _open_section(page, "Documents")
    upload = tmp_path / "financial-circumstances.pdf"
    upload.write_bytes(PDF)
    form = page.get_by_role("main")  # the header has a "Language" of its own (the interface's)
    form.get_by_label("File", exact=True).set_input_files(upload)
    form.get_by_label("Kind of document").select_option(label="Financial circumstances form")
    form.get_by_label("Language", exact=True).select_option(label="English")
    page.get_by_role("button", name="Upload").click()
    _saved(page)
    documents = page.get_by_role("table", name="Documents of the application")
    expect(documents).to_contain_text("financial-circumstances.pdf")
    page.get_by_role("link", name="Return to the application").click()

    _open_section(page, "Central Authority and contact person")
    page.get_by_label("Address of the Central Authority").fill("Ratapihantie 9, Helsinki")
    page.get_by_role("button", name="Save and return to the application").click()
    _saved(page)

    _open_section(page, "Consent of the applicant")
    page.get_by_role("radio", name="Yes", exact=True).check()
    page.get_by_role("button", name="Save and return to the application").click()
    _saved(page)
    for title in (
        "The applicant",
        "Persons for whom maintenance is sought",
        "The debtor (respondent)",
        "Grounds and details of the application",
        "Where payments should be sent",
        "Documents",
        "Central Authority and contact person",
        "Consent of the applicant",
    ):
        _expect_status(page, title, "Completed")

    # Check answers: no error left; the Transmittal is generated, then downloaded.
    page.get_by_role(
        "link", name="Check answers, generate the forms and record the transmission"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers")
    expect(page.get_by_text("Generate the Transmittal form first (Art 12(2)).")).to_be_visible()
    expect(
        page.get_by_text("Correct the errors before the application is transmitted.")
    ).to_have_count(0)
    generate = page.get_by_role("group", name="Generate a form")
    generate.get_by_role("radio", name="Transmittal").check()
    generate.get_by_role("radio", name="PDF (to print or send by e-mail)").check()
    page.get_by_role("button", name="Generate", exact=True).click()
    expect(page.get_by_text("The form has been generated and added to the case.")).to_be_visible()
    forms = page.get_by_role("table", name="Generated forms")
    row = forms.get_by_role("row").filter(has_text="Transmittal")
    with page.expect_download() as download_info:
        row.get_by_role("link", name=re.compile(r"^Download")).click()
    download = download_info.value
    assert download.suggested_filename.endswith("-transmittal-en.pdf")
    with open(download.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"

    # The transmission: by post, yesterday; confirmed on the interruption page.
    sent_on = today - datetime.timedelta(days=1)
    page.get_by_role("radio", name="Post", exact=True).check()
    _fill_date(page, "Date sent", sent_on)
    page.get_by_role("button", name="Continue", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record the transmission?")
    page.get_by_role("button", name="Yes, record the transmission").click()
    expect(
        page.get_by_text("The transmission has been recorded. The acknowledgement is awaited")
    ).to_be_visible()
    _expect_case_page(page, browser_state)
    identity_bar = page.get_by_label(re.compile(r"^Case "))  # labelled by the case heading
    expect(identity_bar.get_by_text("Transmitted", exact=True)).to_be_visible()
    # The partner's acknowledgement is now awaited (a watched deadline).
    expect(page.get_by_role("definition").filter(has_text="Acknowledgement")).to_contain_text(
        "Acknowledgement of receipt (Art 12(3))"
    )

    # The application can no longer change.
    page.goto(task_list_url)
    expect(
        page.get_by_text("The application has been transmitted; it can no longer change.")
    ).to_be_visible()


def test_incoming_application_acknowledged_shows_the_status_report_deadline_art_12_4(
    signed_in_page, browser_state, axe_check, screenshot
):
    page = signed_in_page
    today = _state_today(browser_state)
    received = today - datetime.timedelta(days=3)

    page.get_by_role("navigation", name="Menu").get_by_role(
        "link", name="Register incoming application"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Register an incoming application")
    page.get_by_label("Requesting State", exact=True).select_option(label=PARTNER)
    page.get_by_role("radio", name=re.compile(r"\(Art 10\(1\)\(a\)\)$")).check()
    page.get_by_label("Partner's reference").fill("NO-2026-4417")
    page.get_by_label("Requesting Central Authority").fill("NAV Innkreving")
    _fill_date(page, "Date of receipt", received)
    page.get_by_role("radio", name="Post", exact=True).check()

    applicant = page.get_by_role("group", name="The applicant", exact=True)
    applicant.get_by_role("checkbox", name=re.compile(r"^Creditor")).check()
    applicant.get_by_label("Family name", exact=True).fill("Nilsen")
    applicant.get_by_label("Given names", exact=True).fill("Kari")
    applicant.get_by_label("State of habitual residence").select_option(label=PARTNER)
    page.get_by_role("button", name="Add another party").click()
    debtor = page.get_by_role("group", name="Party 2", exact=True)
    debtor.get_by_role("checkbox", name=re.compile(r"^Debtor")).check()
    debtor.get_by_label("Family name", exact=True).fill("Virtanen")
    debtor.get_by_label("Given names", exact=True).fill("Mikko")
    debtor.get_by_label("State of habitual residence").select_option(label="Finland")
    expect(applicant.get_by_label("Family name", exact=True)).to_have_value("Nilsen")
    page.get_by_role("button", name="Register the application").last.click()

    expect(
        page.get_by_text(re.compile(r"^Case \S+ registered\. Acknowledge receipt by"))
    ).to_be_visible()
    _expect_case_page(page, browser_state)
    case_url = page.url

    # Acknowledge it as complete, dated today; the step is confirmed first.
    page.get_by_role("link", name="Acknowledge receipt").click()
    page.get_by_role("radio", name="Complete: acknowledge receipt").check()
    _fill_date(page, "Date of the event", today)
    page.get_by_role("button", name="Continue", exact=True).click()
    expect(page.get_by_role("heading", name=re.compile(r"^Check your answers"))).to_be_visible()
    page.get_by_role("button", name="Confirm", exact=True).click()
    expect(page).to_have_url(case_url)

    # The status-report deadline as the engine computes it, in the State's time zone.
    due = status_report_due(today, settings=DeadlineSettings(time_zone=browser_state.time_zone)).due
    with translation.override("en"):
        due_text = day_label(due, "long")
    next_deadline = page.get_by_role("definition").filter(has_text="Status report")
    expect(next_deadline).to_contain_text(f"Status report (Art 12(4)): {due_text}")
    axe_check(page)
    screenshot(page, "case")

    page.get_by_role("navigation", name="Sections of the case").get_by_role(
        "link", name="Deadlines"
    ).click()
    row = page.get_by_role("row").filter(has_text="Status report")
    expect(row.get_by_role("time")).to_have_attribute("datetime", due.isoformat())
    expect(row.get_by_role("time")).to_have_text(due_text)
    expect(row).to_contain_text(browser_state.time_zone)

    # The dashboard lists the caseworker's open cases, the acknowledged one with its deadline.
    page.get_by_role("link", name="Dashboard").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dashboard")
    my_cases = page.get_by_role("table", name="My open cases")
    expect(my_cases.get_by_role("row").filter(has_text=due_text)).to_have_count(1)
    axe_check(page)
    screenshot(page, "dashboard")
