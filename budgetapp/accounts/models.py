"""Users and their roles. A controller/approver is assigned to org nodes and acts on their subtree."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("Administratör (ekonomistaben)")
    CONTROLLER = "controller", _("Controller (ekonom)")
    APPROVER = "approver", _("Godkännare (ekonomichef)")
    VIEWER = "viewer", _("Läsare (politiker)")


class User(AbstractUser):
    role = models.CharField(_("roll"), max_length=16, choices=Role.choices, default=Role.VIEWER)

    class Meta:
        verbose_name = _("användare")
        verbose_name_plural = _("användare")

    @property
    def is_budget_admin(self) -> bool:
        return self.is_active and (self.is_superuser or self.role == Role.ADMIN)


class NodeAssignment(models.Model):
    """Gives a controller or approver responsibility for an org node and everything below it."""

    user = models.ForeignKey(User, verbose_name=_("användare"), on_delete=models.CASCADE,
                             related_name="assignments")
    node = models.ForeignKey("organisation.OrgNode", verbose_name=_("organisationsnod"),
                             on_delete=models.CASCADE, related_name="assignments")

    class Meta:
        verbose_name = _("tilldelning")
        verbose_name_plural = _("tilldelningar")
        constraints = [models.UniqueConstraint(fields=["user", "node"], name="uniq_user_node_assignment")]

    def __str__(self) -> str:
        return f"{self.user} → {self.node}"
