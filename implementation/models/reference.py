"""Reference data for implementation planning: CFIR 2.0, ERIC strategies and clusters, Proctor's outcomes,
EPIS phases, and the barrier-to-strategy mapping. Shipped by a data migration; group leads may edit it."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReferenceSource(models.Model):
    """A published framework or compilation the reference data is taken from, cited in full."""

    key = models.SlugField(_("key"), max_length=40, unique=True)
    title = models.CharField(_("title"), max_length=200)
    citation = models.TextField(_("citation"))
    doi = models.CharField(_("DOI"), max_length=100, blank=True)
    #: The version of our own copy of the data (bumped by each data migration that changes it).
    data_version = models.CharField(_("data version"), max_length=20, default="1")

    class Meta:
        ordering = ["title"]
        verbose_name = _("reference source")

    def __str__(self) -> str:
        return self.title


class CFIRDomain(models.Model):
    """One of the five domains of CFIR 2.0."""

    source = models.ForeignKey(ReferenceSource, on_delete=models.PROTECT, related_name="+")
    code = models.CharField(_("code"), max_length=10, unique=True, help_text=_("e.g. I, II"))
    name = models.CharField(_("name"), max_length=100)
    definition = models.TextField(_("definition"))
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("CFIR domain")

    def __str__(self) -> str:
        return self.name


class CFIRConstruct(models.Model):
    """A CFIR 2.0 construct, or a sub-construct (with a parent), with a short definition in our own words."""

    domain = models.ForeignKey(CFIRDomain, on_delete=models.PROTECT, related_name="constructs")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="subconstructs")
    code = models.CharField(_("code"), max_length=20, unique=True, help_text=_("e.g. I.A, IV.A.1"))
    name = models.CharField(_("name"), max_length=150)
    definition = models.TextField(_("definition"))
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["domain__sort_order", "sort_order", "code"]
        verbose_name = _("CFIR construct")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class StrategyCluster(models.Model):
    """One of the nine clusters of ERIC strategies (Waltz et al., 2015)."""

    source = models.ForeignKey(ReferenceSource, on_delete=models.PROTECT, related_name="+")
    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    name = models.CharField(_("name"), max_length=150)

    class Meta:
        ordering = ["number"]
        verbose_name = _("strategy cluster")

    def __str__(self) -> str:
        return self.name


class Strategy(models.Model):
    """One of the 73 ERIC implementation strategies (Powell et al., 2015), defined in our own words."""

    source = models.ForeignKey(ReferenceSource, on_delete=models.PROTECT, related_name="+")
    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    definition = models.TextField(_("definition"))
    cluster = models.ForeignKey(StrategyCluster, on_delete=models.PROTECT, related_name="strategies")

    class Meta:
        ordering = ["name"]
        verbose_name = _("ERIC strategy")
        verbose_name_plural = _("ERIC strategies")

    def __str__(self) -> str:
        return self.name


class ImplementationOutcome(models.Model):
    """One of Proctor et al.'s (2011) eight implementation outcomes."""

    source = models.ForeignKey(ReferenceSource, on_delete=models.PROTECT, related_name="+")
    key = models.SlugField(_("key"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    definition = models.TextField(_("definition"))
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order"]
        verbose_name = _("implementation outcome")

    def __str__(self) -> str:
        return self.name


class EPISPhase(models.Model):
    """A phase of the EPIS framework: exploration, preparation, implementation, sustainment."""

    source = models.ForeignKey(ReferenceSource, on_delete=models.PROTECT, related_name="+")
    key = models.SlugField(_("key"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    definition = models.TextField(_("definition"))
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order"]
        verbose_name = _("EPIS phase")

    def __str__(self) -> str:
        return self.name


class BarrierStrategyLink(models.Model):
    """A strategy suggested for a barrier coded to a CFIR construct, with how strongly experts endorse it."""

    source = models.ForeignKey(ReferenceSource, on_delete=models.PROTECT, related_name="+")
    construct = models.ForeignKey(CFIRConstruct, on_delete=models.CASCADE, related_name="strategy_links")
    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="barrier_links")
    #: 1 = suggested, 2 = often endorsed, 3 = most endorsed for this barrier.
    weight = models.PositiveSmallIntegerField(_("strength of endorsement"), default=1)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["construct", "strategy"], name="impl_link_unique")]
        ordering = ["construct", "-weight", "strategy__name"]
        verbose_name = _("barrier-to-strategy link")

    def __str__(self) -> str:
        return f"{self.construct} → {self.strategy}"
