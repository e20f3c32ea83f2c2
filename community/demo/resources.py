"""Build the demo resource library from `community.demo.resources_content`.

Idempotent: the library and each resource are created once (editors' changes are kept); review
dates are set relative to the day the demo is first built, so one review is always overdue.
Resources with a document get a small PDF made here, stored as a Wagtail document.
"""

import datetime

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Collection

from accounts.models import Organisation, User
from community.demo import resources_content as content
from community.models import CommunityPage, ResourceIndexPage, ResourcePage, ResourceSubmission
from community.permissions.resources import resource_submit_allowed
from community.services.resources import resource_submission_create
from home.demo import index_page_ensure


def _pdf_text(text: str) -> str:
    text = text.encode("latin-1", "replace").decode("latin-1")
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def demo_pdf(lines: list[str]) -> bytes:
    """A tiny valid one-page PDF with `lines` of text (the first as a heading) and the illustrative notice."""
    commands = ["BT", "/F1 16 Tf", "56 780 Td", f"({_pdf_text(lines[0])}) Tj", "/F1 11 Tf"]
    for line in [*lines[1:], "", content.ILLUSTRATIVE]:
        commands += ["0 -22 Td", f"({_pdf_text(line)}) Tj"]
    commands.append("ET")
    stream = "\n".join(commands).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    output = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(output))
        output += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(output)
    output += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    output += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    output += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(output)


def demo_document(*, title: str, slug: str, lines: list[str]):
    """A Wagtail document (in the root collection) holding a small demo PDF of `lines`."""
    Document = get_document_model()
    document = Document(title=title, collection=Collection.get_first_root_node())
    document.file.save(f"{slug}.pdf", ContentFile(demo_pdf(lines)), save=False)
    document._set_document_file_metadata()
    document.save()
    return document


def _communities() -> dict[str, CommunityPage]:
    slugs = {data["community"] for data in content.RESOURCES if data["community"]}
    slugs.add(content.PENDING_SUBMISSION["community"])
    return {page.slug: page for page in CommunityPage.objects.filter(slug__in=slugs)}


def resources_ensure(*, index: ResourceIndexPage) -> list[ResourcePage]:
    """The demo resources (each created once, never overwritten)."""
    today = timezone.localdate()
    communities = _communities()
    organisations = {organisation.name: organisation for organisation in Organisation.objects.all()}
    resources = []
    for data in content.RESOURCES:
        resource = ResourcePage.objects.child_of(index).filter(slug=data["slug"]).first()
        if resource is None:
            resource = ResourcePage(
                title=data["title"],
                slug=data["slug"],
                resource_type=data["resource_type"],
                summary=data["summary"],
                body=f"{data['body']}<p><i>{content.ILLUSTRATIVE}</i></p>",
                link=data.get("link", ""),
                document=(
                    demo_document(title=data["title"], slug=data["slug"], lines=data["document"])
                    if data.get("document")
                    else None
                ),
                community=communities.get(data["community"]),
                organisation=organisations.get(data["organisation"]),
                review_date=today + datetime.timedelta(days=data["review_in_days"]),
            )
            resource.tags.add(*data["tags"])
            index.add_child(instance=resource)
            resource.save_revision().publish()
        resources.append(resource)
    return resources


def pending_submission_ensure() -> ResourceSubmission | None:
    """The demo researcher's resource waiting for a lead (skipped if they are absent or not a member)."""
    data = content.PENDING_SUBMISSION
    member = User.objects.filter(email=data["by"]).first()
    if member is None or not resource_submit_allowed(member):
        return None
    existing = ResourceSubmission.objects.filter(submitted_by=member, title=data["title"]).first()
    if existing is not None:
        return existing
    return resource_submission_create(
        by=member,
        title=data["title"],
        resource_type=data["resource_type"],
        summary=data["summary"],
        community=_communities().get(data["community"]),
        organisation=Organisation.objects.filter(name=data["organisation"]).first(),
        tags=data["tags"],
        review_date=timezone.localdate() + datetime.timedelta(days=data["review_in_days"]),
        upload=SimpleUploadedFile(data["filename"], demo_pdf(data["document"]), "application/pdf"),
    )


def resources_demo_load(*, home, with_activity: bool) -> None:
    """The resource library and its demo resources; with `with_activity`, a member's pending submission."""
    index = index_page_ensure(ResourceIndexPage, home=home, data=content.INDEX)
    resources_ensure(index=index)
    if with_activity:
        pending_submission_ensure()
