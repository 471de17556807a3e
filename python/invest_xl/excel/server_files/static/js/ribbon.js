// invest-xl's ribbon buttons (manifest.xml): each runs one of the button scripts of
// udfs/invest_xl_udfs.py on the server, exactly as the task pane's buttons do.
function investRibbonButton(scriptName) {
  return async function (event) {
    let authResult =
      typeof globalThis.getAuth === "function"
        ? await globalThis.getAuth()
        : { token: "", provider: "" };
    try {
      await xlwings.runPython({
        auth: authResult.token,
        scriptName: scriptName,
        headers: { "Auth-Provider": authResult.provider },
      });
    } finally {
      event.completed();
    }
  };
}
Office.actions.associate("invest-refresh-followup", investRibbonButton("invest_refresh_followup"));
Office.actions.associate("invest-refresh-curves", investRibbonButton("invest_refresh_curves"));
