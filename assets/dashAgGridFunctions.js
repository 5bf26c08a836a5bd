// Functions that dash-ag-grid column definitions call by name (French number formats).
var dagfuncs = (window.dashAgGridFunctions = window.dashAgGridFunctions || {});

dagfuncs.frenchNumber = function (value, decimals) {
    if (value === null || value === undefined || Number.isNaN(value)) {
        return "n.d.";
    }
    return new Intl.NumberFormat("fr-FR", {
        minimumFractionDigits: decimals,
        maximumFractionDigits: decimals,
    }).format(value);
};

// CSV formula neutralisation, the same rule as dashboard/export/spreadsheet.py (OWASP "CSV
// Injection"): a text cell starting with = + - @ tab or CR gets a leading apostrophe,
// so that Excel shows it and never runs it; a plain number such as -3,5 stays a number.
var FORMULA_TRIGGERS = ["=", "+", "-", "@", "\t", "\r"];
var PLAIN_NUMBER = /^[-+]?\d+(?:[.,]\d+)?$/;

dagfuncs.neutralise = function (value) {
    if (typeof value !== "string" || value === "") {
        return value;
    }
    if (FORMULA_TRIGGERS.indexOf(value.charAt(0)) < 0 || PLAIN_NUMBER.test(value)) {
        return value;
    }
    return "'" + value;
};

dagfuncs.neutraliseCell = function (params) {
    var value = params.value;
    if (params.formatValue && value !== null && value !== undefined) {
        value = params.formatValue(value);
    }
    return dagfuncs.neutralise(value === null || value === undefined ? "" : value);
};

dagfuncs.neutraliseHeader = function (params) {
    var column = params.column;
    var name = column.getColDef().headerName || column.getColId();
    return dagfuncs.neutralise(name);
};
