"""nbgrader's ``CheckCellMetadata``, the same checks, with the cell schema compiled once.

nbgrader validates the nbgrader metadata of every cell with ``jsonschema.validate``, which checks
the schema itself before each cell: about a tenth of a second per notebook, twice per autograde
(before and after the kernel), for nothing. :class:`CheckCellMetadata` runs nbgrader's own validator
(:class:`nbgrader.nbgraderformat.MetadataValidator`: schema version, grade ids, points, cell types,
duplicate ids) with one validator object per schema, made once per process.
"""

import traceback

import jsonschema
from nbgrader.nbgraderformat import MetadataValidator, ValidationError
from nbgrader.nbgraderformat.common import BaseMetadataValidator, SchemaTooNewError, SchemaTooOldError
from nbgrader.preprocessors import CheckCellMetadata as NbgraderCheckCellMetadata


_COMPILED = {}  # schema version -> validator


class _CompiledSchema(BaseMetadataValidator):
    """``BaseMetadataValidator.validate_cell`` with the schema checked and compiled once."""

    def validate_cell(self, cell):
        if "nbgrader" not in cell.metadata:
            return
        schema = cell.metadata["nbgrader"].get("schema_version", 0)
        if schema < self.schema_version:
            raise SchemaTooOldError(f"Outdated schema version: {schema} (expected {self.schema_version})",
                                    schema, self.schema_version)
        if schema > self.schema_version:
            raise SchemaTooNewError(f"Schema version is too new: {schema} (expected {self.schema_version})",
                                    schema, self.schema_version)
        if self.schema_version not in _COMPILED:
            cls = jsonschema.validators.validator_for(self.schema)
            cls.check_schema(self.schema)
            _COMPILED[self.schema_version] = cls(self.schema)
        _COMPILED[self.schema_version].validate(cell.metadata["nbgrader"])


class FastMetadataValidator(MetadataValidator, _CompiledSchema):
    """nbgrader's current validator; its ``super().validate_cell`` reaches :class:`_CompiledSchema`."""


class CheckCellMetadata(NbgraderCheckCellMetadata):
    """nbgrader's ``CheckCellMetadata`` with :class:`FastMetadataValidator`."""

    def preprocess(self, nb, resources):
        try:
            FastMetadataValidator().validate_nb(nb)
        except ValidationError:
            self.log.error(traceback.format_exc())
            msg = "Notebook failed to validate; the nbgrader metadata may be corrupted."
            self.log.error(msg)
            raise ValidationError(msg)
        return nb, resources
