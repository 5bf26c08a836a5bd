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
